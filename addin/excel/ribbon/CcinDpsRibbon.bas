Attribute VB_Name = "CcinDpsRibbon"
' CCIN DPS ribbon callback - the only VBA this project owns.
'
' Why so small: this module is written into ccin-dps.xlam on Linux as source only (no compiled
' p-code), and Excel compiles it when the add-in opens. Nothing here can be run or tested
' without Excel, so it holds no logic: every button on the CCIN DPS tab calls OnButton, which
' hands the button's id to addin.excel.dispatch.on_button in Python, where the code is tested.
' Adding a button means editing customUI.xml, buttons.py and actions.py - never this file.
'
' Why the module is called CcinDpsRibbon and not the xlwings quickstart's RibbonMyAddin:
' Excel finds an onAction macro ("Module.Sub") by name, and a generic name has been seen to
' run another open add-in's macro instead (xlwings issue #973). A project-specific module
' name avoids that, and tells whoever opens the VBA editor what the module is for.
'
' RunPython comes from the xlwings module that ships inside the same add-in.
Option Explicit

Sub OnButton(control As IRibbonControl)
    RunPython "from addin.excel.dispatch import on_button; on_button('" & control.Id & "')"
End Sub
