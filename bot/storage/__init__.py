"""Storage: the tables, the engine and its migrations, and the conversation turn's measured statements.

Nothing here knows about conversations' meaning, retrieval or channels: it stores what they hand it.
"""
