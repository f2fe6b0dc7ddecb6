"""Conversation flows (bookings, applications) declared as data.

The conversation's route table already has the place where a flow in progress takes a message
(:mod:`bot.conversation.routes`); the flows themselves arrive with the bookings issue.
"""
