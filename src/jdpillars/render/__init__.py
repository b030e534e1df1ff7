"""Renderers: each turns a ``Report`` (or many) into one output format. None of them classifies."""
