"""How static files are stored and named (issue 12: "speed a user feels").

`congvu serve` collects them (collectstatic) into STATIC_ROOT under content-hashed names, each beside its
gzip and Brotli copies; WhiteNoise then serves a hashed name compressed and cached for ten years
("immutable": a new version of a file is a new name). Before collectstatic ran (a test run, a developer's
`manage.py runserver`) there is no manifest: the pages then name the plain files, which WhiteNoise
finds in the apps' folders (WHITENOISE_USE_FINDERS), instead of failing on every page."""

import os

from django.contrib.staticfiles.storage import HashedFilesMixin, StaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


def without_source_maps(patterns: tuple) -> tuple:
    """Django's url() and @import rewriting, without the sourceMappingURL comments: the vendored
    Bootstrap names a .map file it does not ship, and collectstatic would fail on it."""
    def keep(rule) -> bool:
        pattern = rule[0] if isinstance(rule, tuple) else rule
        return "sourceMappingURL" not in pattern

    return tuple((glob, tuple(rule for rule in rules if keep(rule))) for glob, rules in patterns)


class HashedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = without_source_maps(HashedFilesMixin.patterns)

    def url(self, name: str | None, force: bool = False) -> str:
        if not self.hashed_files and not force:  # no manifest: collectstatic has not run here
            return StaticFilesStorage.url(self, name)
        try:
            return super().url(name, force)
        except ValueError:
            # A file added since collectstatic last ran (a developer's tree): its plain name, which
            # WhiteNoise finds in the app's folder, rather than a failed page.
            return StaticFilesStorage.url(self, name)

    def compress_files(self, paths):
        """Only the files whose gzip and Brotli copies are missing or older than they are: every
        `congvu serve` collects the static files, and compressing all of Django's admin again cost
        ~6 s of CPU at each start."""
        yield from super().compress_files([path for path in paths if not self.compressed_up_to_date(path)])

    def compressed_up_to_date(self, path: str) -> bool:
        full = self.path(path)
        try:
            written = os.path.getmtime(full)
            return all(os.path.getmtime(full + suffix) >= written for suffix in (".gz", ".br"))
        except OSError:
            return False
