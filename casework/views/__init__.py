"""Casework screens under /casework/."""
