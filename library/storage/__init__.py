"""The library file: the connection and its transactions, the schema and its migrations,
backups and the integrity check, and the articles table.
"""
