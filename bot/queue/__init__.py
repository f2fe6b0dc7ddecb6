"""The escalation queue: who answers what the bot could not, by when, and what it is about.

``hours`` (Pakistan business hours, public holidays, SLA due times), ``summary`` (a short account of
the conversation for staff, in English and Urdu, built from the messages themselves), ``accounts``
(staff users, argon2 password hashes) and ``queue`` (the operations of the staff console and the
escalation records the assistant's turn writes). It sits above ``bot.conversation``: it moves
conversations with the same state machine (``bot.conversation.escalation``) the assistant uses.
"""
