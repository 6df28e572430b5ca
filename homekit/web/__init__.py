"""The app in a browser page on this machine (`homekit serve`, the `web` extra).

Importing this package is cheap; `homekit.web.server` imports aiohttp and textual-serve.
The server never opens the data file: each tab starts the app (`homekit --db ... tui`) as a
process of its own, which does.
"""
