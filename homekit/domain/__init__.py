"""Pure domain: dataclasses and rules. No I/O, no clock reads, no Textual."""
