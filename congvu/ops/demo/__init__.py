"""`congvu demo`: a deterministic model province — tỉnh Đắk Lắk after the 2025 reform, with its
departments, communes and wards, ~150 officials, ~25 matter types and three months of work in every
state — consultations answered, late, deemed agreed (with their .docx notices) and still pending among
them — built through the real actions so the trail, the figures and the signals are all genuine.
Every person, company and document in it is fictional."""

from congvu.ops.demo.build import DatabaseNotEmpty, Summary, build_demo, fingerprint

__all__ = ["DatabaseNotEmpty", "Summary", "build_demo", "fingerprint"]
