"""One sentence vector per (encoder, normalised text): every process and machine that
encodes a profile text reuses it; a changed text has another hash and misses."""

from __future__ import annotations

import numpy as np
from django.db import models
from django.utils.translation import gettext_lazy as _


class TextVector(models.Model):
    encoder = models.CharField(_("encoder"), max_length=16)
    # engine.encoder.TextEncoder.key: blake2b (16 bytes, hex) of the normalised text
    text_hash = models.CharField(_("text hash"), max_length=32)
    dim = models.PositiveSmallIntegerField(_("dimensions"))
    vector = models.BinaryField(_("vector"))  # dim float32, little-endian
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("text vector")
        verbose_name_plural = _("text vectors")
        constraints = [models.UniqueConstraint(fields=["encoder", "text_hash"], name="text_vector_unique_text")]

    def __str__(self) -> str:
        return f"{self.encoder}:{self.text_hash}"

    def as_array(self) -> np.ndarray:
        return np.frombuffer(bytes(self.vector), dtype="<f4", count=self.dim).astype(np.float32)
