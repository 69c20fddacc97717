"""congvu — công vụ: administrative discipline for a Vietnamese province (2230/UBND-NC, 280/CĐ-TTg)."""
