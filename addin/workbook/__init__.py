"""The workbook file adapter (openpyxl): template builder, table reader and safe writes."""
