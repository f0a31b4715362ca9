"""Path converters with bounds: an id or year no database row can have is a 404, never a 500."""

# The largest value of a 64-bit signed integer column (BigAutoField and BigIntegerField).
MAX_DATABASE_ID = 2**63 - 1
FIRST_YEAR, LAST_YEAR = 1900, 2100


class IdConverter:
    """`<id:pk>`: a positive whole number within the database's integer range (else 404)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_DATABASE_ID:
            raise ValueError(value)  # the resolver treats ValueError as no match: 404
        return number

    def to_url(self, value: int) -> str:
        return str(value)


class YearConverter:
    """`<year:year>`: a four-digit calendar year the portal can hold records for (else 404)."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(value)
        return year

    def to_url(self, value: int) -> str:
        return str(value)
