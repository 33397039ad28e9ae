"""The local web app: dunguard in the browser, on the user's own computer.

Server-rendered pages in Chinese that work without JavaScript; every page's data is also
available as JSON (``?format=json``). The web layer only parses input, calls the case API
and the existing modules, and renders — see :mod:`dunguard.web.app`.
"""

from dunguard.web.app import Settings, create_app

__all__ = ["Settings", "create_app"]
