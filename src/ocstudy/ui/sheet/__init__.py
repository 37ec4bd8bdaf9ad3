"""Revision sheets drawn with Qt's printing (the PDF) and the dialog that asks for one."""
