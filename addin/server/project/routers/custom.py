"""Our routes on xlwings Server (it includes `routers/custom.py` of the project folder):
the one-time downloads and the support page; and the ribbon's data for the templates."""

import shutil

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from starlette.background import BackgroundTask
from xlwings_server.config import settings
from xlwings_server.templates import TemplateResponse, templates

from addin import __version__
from addin.server.press import downloads
from addin.server.ribbon import buttons_json, ribbon

templates.env.globals["ccin_dps"] = ribbon()
templates.env.globals["ccin_dps_buttons"] = buttons_json()
templates.env.globals["ccin_dps_version"] = __version__

router = APIRouter(prefix=f"{settings.app_path}/ccin-dps")


@router.get("/download/{token}")
async def download(token: str) -> Response:
    taken = downloads().take(token)
    if taken is None:
        return JSONResponse(
            {"detail": "This link has been used or has expired. Press the button again."},
            status_code=404,
        )
    return FileResponse(
        taken.file,
        filename=taken.file.name,
        background=BackgroundTask(shutil.rmtree, taken.folder, ignore_errors=True),
    )


@router.get("/support")
async def support(request: Request) -> Response:
    page: Response = TemplateResponse(request=request, name="ccin_dps_support.html")
    return page
