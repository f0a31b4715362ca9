"""HSDS 3.0 (Open Referral): schemas, serializers, tabular data packages and imports."""
