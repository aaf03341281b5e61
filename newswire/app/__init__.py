"""The app floor: the code that wires newswire's stages together (web interface, ...)."""
