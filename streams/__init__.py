"""The streaming room: faust agents, topics, Kafka admin and clients.

This package is the only place that imports faust, aiokafka or kafka-python. Importing
``streams`` itself imports none of them; each module pulls in what it needs.
"""
