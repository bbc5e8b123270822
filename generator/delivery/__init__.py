"""Reaching executives outside the site: transition notes by email."""
