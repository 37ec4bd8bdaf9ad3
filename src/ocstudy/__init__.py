"""ocstudy: study the United Nations' fight against transnational organized crime."""

#: The one place the version is written; pyproject.toml reads it from here (hatch).
__version__ = "0.1.0"

APP_NAME = "ocstudy"
ORGANIZATION = "ocstudy"
