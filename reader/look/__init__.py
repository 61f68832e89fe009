"""How the app looks: the theme (palette, dark and light), the bundled fonts, the icons."""
