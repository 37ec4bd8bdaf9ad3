"""Revision sheets: the content of a printable sheet, assembled without Qt (drawn by
``ocstudy.ui.sheet``)."""

from ocstudy.services.sheet.assemble import SheetAssembler, SheetError
from ocstudy.services.sheet.model import PAGE_SIZES, Sheet, SheetRequest

__all__ = ["PAGE_SIZES", "Sheet", "SheetAssembler", "SheetError", "SheetRequest"]
