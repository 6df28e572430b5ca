"""Export and import formats of a homekit log (CSV and JSON): reading, checking, writing text.

The services drive it: what export writes, import reads back (export, import into an empty
file and export again gives the same bytes). Import checks every row before it writes any.
Nothing here touches the store.
"""
