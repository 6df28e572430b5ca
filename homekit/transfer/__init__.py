"""Export and import of a homekit log (CSV and JSON), as services over the store.

`export_log` writes what `import_file` reads back: export, import into an empty file and
export again gives the same bytes. Import checks every row before it writes any.
"""

from homekit.transfer.exporter import export_log
from homekit.transfer.importer import ImportReport, import_file

__all__ = ["ImportReport", "export_log", "import_file"]
