"""The main window and what it owns: its actions and menus, the status bar, the Tools
menu, the change stream (`changes`) and the one undo command (`undo`).
"""
