"""The version of govsocial, in one place the whole package reads it from (base layer)."""

__version__ = "0.1.0.dev0"
