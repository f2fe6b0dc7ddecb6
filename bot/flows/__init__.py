"""Conversation flows (bookings, applications) declared as data.

``spec`` (the pydantic models of a flow and its fields), ``definitions.yaml`` (the booking and
application flows, prompts in English, Urdu and Roman Urdu), ``fields`` (one parser per field type),
``engine`` (one message in, the next step out; the state is JSON kept in the conversation's context)
and ``requests`` (a confirmed flow stored with its webhook row in one transaction). The assistant's
``flow`` route (:mod:`bot.conversation.flowroute`) runs them; ``handlers/webhooks.py`` delivers them.
"""
