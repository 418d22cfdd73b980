"""Operations: backing up and restoring a Lifeline installation."""
