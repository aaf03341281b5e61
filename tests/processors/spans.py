"""What the event tests share about trigger spans."""


def leads(trigger: str, word: str) -> bool:
    """Whether ``word`` is the event's trigger or the word it starts with: one happening named twice is one
    event spanning both words ("the quake struck", "ended the truce"), found by the word that leads it."""
    return trigger == word or trigger.startswith(word + " ")
