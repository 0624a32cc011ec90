"""A model folder is never half-written: it is assembled in a temporary sibling and renamed into
place only when complete; on any failure the temporary folder is removed and an existing folder
is left as it was."""
import os
import shutil
import tempfile


class ExportError(RuntimeError):
    """The model folder could not be written; any existing folder is left as it was."""


def write_folder_atomically(outdir: str, fill, replace: bool = False):
    """Calls fill(tmp) to write the folder's files into a temporary sibling of `outdir`, then renames
    it into place (replacing an existing `outdir` only with `replace`); returns what fill returns."""
    outdir = os.path.abspath(outdir)
    parent = os.path.dirname(outdir)
    os.makedirs(parent, exist_ok=True)
    if os.path.exists(outdir) and not replace:
        raise ExportError(f"{outdir}: already exists; pass --replace to replace it")
    tmp = tempfile.mkdtemp(prefix=f".{os.path.basename(outdir)}.export-", dir=parent)
    try:
        result = fill(tmp)
        os.chmod(tmp, 0o755)  # mkdtemp makes it private; a model folder is an ordinary folder
        if os.path.exists(outdir):
            old = tempfile.mkdtemp(prefix=f".{os.path.basename(outdir)}.old-", dir=parent)
            os.rmdir(old)
            os.rename(outdir, old)
            os.rename(tmp, outdir)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, outdir)
        return result
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
