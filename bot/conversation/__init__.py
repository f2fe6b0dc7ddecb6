"""The conversation: one inbound message in, one reply out, the same for every channel.

An ordered route table decides who answers (a person, a flow, the bot's own texts, the park list,
or retrieval); commands and buttons arrive as structured input, not as re-spoken words.
"""
