"""homekit: a private log for home microdermabrasion sessions."""

__version__ = "0.1.0"
