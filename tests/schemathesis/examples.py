"""Checks that every example of an OpenAPI document is valid against its own schema.

Run by tests/it/serve_contract.rs with the document on standard input; prints one line per
invalid example and exits 1 when there is any. Uses jsonschema_rs, which schemathesis brings.
"""

import json
import sys

import jsonschema_rs


def media_examples(doc):
    """(where, schema, example) for every media type with an example."""
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            places = []
            body = operation.get("requestBody")
            if body:
                places += [("request", body)]
            for status, response in operation.get("responses", {}).items():
                places += [(status, response)]
            for where, holder in places:
                for media, content in holder.get("content", {}).items():
                    if "example" in content and "schema" in content:
                        yield f"{method.upper()} {path} {where} {media}", content["schema"], content["example"]
            for parameter in operation.get("parameters", []):
                if "example" in parameter and "schema" in parameter:
                    yield f"{method.upper()} {path} {parameter['name']}", parameter["schema"], parameter["example"]


def main():
    doc = json.load(sys.stdin)
    failures = 0
    checked = 0
    for where, schema, example in media_examples(doc):
        # A TOML body is text: its example is the text of an evidence file.
        if schema.get("type") == "string" and isinstance(example, str):
            checked += 1
            continue
        root = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                "components": doc["components"], "allOf": [schema]}
        validator = jsonschema_rs.validator_for(root)
        errors = list(validator.iter_errors(example))
        checked += 1
        for error in errors[:3]:
            failures += 1
            print(f"{where}: {error.message} at {list(error.instance_path)}")
    print(f"{checked} examples checked")
    sys.exit(1 if failures else 0)


main()
