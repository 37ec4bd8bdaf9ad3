"""ocstudy: study the United Nations' fight against transnational organized crime."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ocstudy")
except PackageNotFoundError:  # running from a checkout without an install
    __version__ = "0.0.0+checkout"

APP_NAME = "ocstudy"
ORGANIZATION = "ocstudy"
