"""One benchmark run against the database in DATABASE_URL; prints its figures as JSON.

Run by `python -m bench`, once per database, each in its own process.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time

import django


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the sorted values fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def timed(function, *args):
    start = time.perf_counter()
    value = function(*args)
    return value, time.perf_counter() - start


def latencies(queries: list, search, explain) -> dict:
    """Milliseconds per query (search top 20 plus explanations), and hits per query."""
    for query in queries[:20]:
        search(query=query)
    times, totals = [], []
    for query in queries:
        start = time.perf_counter()
        result = search(query=query)
        for hit in result.hits:
            explain(hit)
        times.append((time.perf_counter() - start) * 1000)
        totals.append(result.total)
    return {
        "load_average": round(os.getloadavg()[0], 1),
        "queries": len(times),
        "p50_ms": round(percentile(times, 0.50), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "p99_ms": round(percentile(times, 0.99), 1),
        "mean_ms": round(statistics.fmean(times), 1),
        "mean_matches": round(statistics.fmean(totals)),
    }


def narrowing(queries: list) -> dict:
    """How the database backend ranked the queries: over every offer, over the first pass only,
    or over the first pass plus the far candidates; how many offers the first pass ranked and
    how many candidates the final statement read."""
    from django.db import connection

    from matching.backends import database
    from matching.ranking import plan_query

    paths = {"full": 0, "near": 0, "beyond": 0}
    sizes, radii = [], []
    backend = database.DatabaseBackend()
    for query in queries:
        plan = plan_query(query)
        near_km = database.near_radius_km(plan)
        if near_km is None or plan.origin is None:
            paths["full"] += 1
            continue
        first = backend.first_pass(plan, near_km)
        near, near_km = first.rows, first.near_km
        sql, beyond = (None, True)
        if len(near) >= plan.offset + plan.limit:
            sql, beyond = database.candidate_sql(
                plan, near_km, [row[0] for row in near], near[-1][1]
            )
        if sql is None:
            paths["full"] += 1
            continue
        paths["beyond" if beyond else "near"] += 1
        radii.append(near_km)
        with connection.cursor() as cursor:
            subquery = " ".join(sql.parts)[len("id IN ") :]
            cursor.execute(f"SELECT COUNT(*) FROM {subquery} candidates", sql.params)  # noqa: S608
            sizes.append(cursor.fetchone()[0])
    return {
        **paths,
        "first_pass_km_median": round(statistics.median(radii), 1) if radii else 0,
        "candidates_mean": round(statistics.fmean(sizes)) if sizes else 0,
        "candidates_p95": percentile(sizes, 0.95) if sizes else 0,
    }


KEYWORD_QUERIES = 200


def match_queries(rng: random.Random, persons: list, count: int) -> tuple[list, list]:
    """`count` plain queries for random persons, and a fifth of them (at least KEYWORD_QUERIES,
    so that every index size's p95 rests on as many) with a keyword and 50 km."""
    from matching.types import MatchQuery

    sample = rng.sample(persons, count)
    plain = [MatchQuery(person=person, limit=20) for person in sample]
    words = ["心理", "技能培训", "就业", "法律讲座", "家庭", "创业"]
    keyword = [
        MatchQuery(person=person, limit=20, keyword=rng.choice(words), max_distance_km=50)
        for person in sample[: max(count // 5, min(count, KEYWORD_QUERIES))]
    ]
    return plain, keyword


def arguments() -> argparse.Namespace:
    """The dataset's sizes and the number of queries, from the command line."""
    parser = argparse.ArgumentParser()
    for name, default in [
        ("persons", 60_000),
        ("organizations", 3_000),
        ("offers", 30_000),
        ("volunteers", 20_000),
        ("queries", 1_000),
    ]:
        parser.add_argument(f"--{name}", type=int, default=default)
    return parser.parse_args()


def main() -> None:
    args = arguments()
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench import dataset
    from matching.backends import get_backend
    from matching.indexing import Enricher
    from matching.selectors import explain, offer_search

    call_command("migrate", verbosity=0)
    rng = random.Random(20261126)
    seed_start = time.perf_counter()
    counties, townships = dataset.places()
    organizations = dataset.seed_organizations(rng, counties, args.organizations)
    documents = dataset.offer_documents(rng, organizations, townships, args.offers, args.volunteers)
    persons = [dataset.person_profile(rng, rng.choice(townships)) for _ in range(args.persons)]
    seed_seconds = time.perf_counter() - seed_start

    enrich = Enricher()
    loaded, rebuild_seconds = timed(
        get_backend().rebuild, (enrich(document) for document in documents), None
    )
    plain, keyword = match_queries(rng, persons, args.queries)
    report = {
        "database": connection.vendor,
        "server_version": _server_version(connection),
        "persons": args.persons,
        "organizations": len(organizations),
        "documents": loaded,
        "seed_seconds": round(seed_seconds, 1),
        "rebuild_seconds": round(rebuild_seconds, 1),
        "rebuild_docs_per_second": round(loaded / rebuild_seconds),
        "matching": latencies(plain, offer_search, explain),
        "matching_keyword_50km": latencies(keyword, offer_search, explain),
    }
    if get_backend().name == "database":
        report["narrowing"] = narrowing(plain[:200])
    json.dump(report, sys.stdout)


def _server_version(connection) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        return cursor.fetchone()[0]


if __name__ == "__main__":
    main()
