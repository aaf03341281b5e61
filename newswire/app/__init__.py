"""The application: the CLI, the supervisor, replay, the dashboard, the web interface and the bench, on top of the stages.

The only code that imports several stages; it wires them (contracts in ``newswire``, stages in
``newswire.ingest``, ``newswire.processors``, ``newswire.storage``).
"""
