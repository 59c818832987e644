#!/usr/bin/env python3
"""scripts/gen-api-catalog on hand-written SDK models (fixture/apis), with no network and without
touching stdlib/: the output must equal fixture/expected.json, and the facts below are asserted on
their own so that a wrong expected file cannot hide a bug. The real-data check runs on the tiny logs
in fixture/shared.

Run: python3 tests/catalog/gen_api_catalog_test.py (ctest: catalog_generator)."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SCRIPT = os.path.join(ROOT, "scripts", "gen-api-catalog")
FIXTURE = os.path.join(HERE, "fixture")
APIS = os.path.join(FIXTURE, "apis")
EXTRA = os.path.join(FIXTURE, "extra_events.json")
EXPECTED = os.path.join(FIXTURE, "expected.json")
SHARED = os.path.join(FIXTURE, "shared")


def run(*args):
    return subprocess.run([sys.executable, SCRIPT, *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


class Generated(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.out, cls.proc = cls._generate()
        with open(cls.out, encoding="utf-8") as f:
            cls.text = f.read()
        cls.catalog = json.loads(cls.text)
        cls.services = cls.catalog["services"]

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    @classmethod
    def _generate(cls, *args, name="out.json", source=("--apis", APIS), extra=EXTRA):
        out = os.path.join(cls.tmp.name, name)
        proc = run(*source, "--extra", extra, "--out", out, "--no-data-check", *args)
        return out, proc

    def ops(self, source):
        return self.services[source]["operations"]

    def responses(self, source):
        return self.services[source]["responses"]

    def test_runs_cleanly(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr)
        self.assertEqual(self.proc.stdout, "")
        self.assertIn("5 event sources, 17 operations, 9 responses", self.proc.stderr)

    def test_matches_the_expected_file(self):
        with open(EXPECTED, encoding="utf-8") as f:
            expected = f.read()
        self.assertEqual(json.dumps(self.catalog, indent=2) + "\n", expected)

    def test_writes_one_compact_line(self):
        self.assertEqual(self.text.count("\n"), 1)
        self.assertTrue(self.text.endswith("}\n"))
        self.assertNotIn(": ", self.text)

    def test_top_level_keys(self):
        self.assertEqual(list(self.catalog), ["catalog", "version", "generated_by", "source",
                                              "parameter_depth", "verb_synonyms", "services"])
        self.assertEqual(self.catalog["version"], 2)
        self.assertEqual(self.catalog["parameter_depth"], 2)
        self.assertEqual(self.catalog["verb_synonyms"], {"Get": ["Describe", "List"]})
        self.assertTrue(self.catalog["source"].startswith("aws-sdk 0.0.0-fixture apis/*.min.json"))
        self.assertIn("tests/catalog/fixture/extra_events.json", self.catalog["source"])
        self.assertNotIn("comment", self.text.lower())

    def test_every_service_has_models_operations_responses(self):
        for source, entry in self.services.items():
            self.assertEqual([k for k in entry if k != "typed"], ["models", "operations", "responses"],
                             source)

    def test_api_prefix_is_dropped(self):
        self.assertIn("widget.amazonaws.com", self.services)
        self.assertNotIn("api.widget.amazonaws.com", self.services)

    def test_newest_model_version_wins(self):
        self.assertEqual(self.services["widget.amazonaws.com"]["models"], ["widget-2020-06-30"])
        self.assertNotIn("OldOnly", self.ops("widget.amazonaws.com"))
        self.assertNotIn("oldName", self.ops("widget.amazonaws.com")["CreateWidget"])

    def test_scalars_maps_lists_and_depth(self):
        create = self.ops("widget.amazonaws.com")["CreateWidget"]
        for member, kind in [("name", "string"), ("count", "number"), ("ratio", "number"),
                             ("enabled", "boolean"), ("createdAt", "timestamp"), ("data", "blob"),
                             ("tags", "map"), ("items", ["object"])]:
            self.assertEqual(create[member], kind, member)
        self.assertEqual(create["config"], {"limits": "object", "mode": "string"})
        self.assertEqual(create["parent"], {"children": "array", "name": "string"})

    def test_header_and_status_code_members_are_left_out(self):
        self.assertNotIn("clientToken", self.ops("widget.amazonaws.com")["CreateWidget"])
        self.assertNotIn("meta", self.ops("widget.amazonaws.com")["CreateWidget"])
        self.assertEqual(self.responses("widget.amazonaws.com")["CreateWidget"],
                         {"widget": {"arn": "string", "createdAt": "timestamp", "widgetId": "string"}})
        # DeleteWidget's output has only a header: no responses entry.
        self.assertNotIn("DeleteWidget", self.responses("widget.amazonaws.com"))
        self.assertEqual(self.ops("widget.amazonaws.com")["DeleteWidget"], {"widgetId": "string"})

    def test_payload_member_keeps_its_name(self):
        self.assertEqual(self.responses("widget.amazonaws.com")["GetWidgetDocument"],
                         {"document": {"body": "string", "version": "number"}})

    def test_models_sharing_an_endpoint_merge_deeply(self):
        gizmo = self.services["gizmo.amazonaws.com"]
        self.assertEqual(gizmo["models"], ["gadget-2019-01-01", "gizmo-2018-01-01"])
        self.assertIn("CopyGadget", gizmo["operations"])  # gadget only
        self.assertIn("RebootThing", gizmo["operations"])  # gizmo only
        self.assertEqual(gizmo["operations"]["DescribeThings"],
                         {"filter": {"mode": "string", "name": "string", "values": "array"},
                          "maxRecords": "number", "thingId": "string"})
        # A disagreement keeps the first model by name (gadget) and is noted.
        self.assertEqual(gizmo["operations"]["CreateThing"]["size"], "string")
        self.assertIn("models disagree on gizmo.amazonaws.com.CreateThing.size", self.proc.stderr)

    def test_unwrapped_responses(self):
        res = self.responses("gizmo.amazonaws.com")
        self.assertEqual(sorted(res["CreateThing"]),
                         ["endpoint", "engine", "size", "status", "thingArn", "thingId"])
        self.assertEqual(res["CreateThing"]["endpoint"], {"address": "string", "port": "number"})
        self.assertEqual(res["CopyGadget"], {"gadgetId": "string"})  # a lone string stays
        self.assertEqual(sorted(res["DescribeThings"]), ["marker", "things"])  # two members stay

    def test_lambda_aliases(self):
        ops = self.ops("lambda.amazonaws.com")
        self.assertEqual(ops["GetFunction20150331"], ops["GetFunction"])
        self.assertEqual(ops["ListLayers20181031"], {"marker": "string"})
        self.assertEqual(self.responses("lambda.amazonaws.com")["GetFunction20150331"],
                         self.responses("lambda.amazonaws.com")["GetFunction"])
        self.assertEqual(sorted(ops), ["GetFunction", "GetFunction20150331", "GetFunction20150331v2",
                                       "ListLayers", "ListLayers20181031", "Ping"])

    def test_extra_events(self):
        self.assertIsNone(self.ops("lambda.amazonaws.com")["GetFunction20150331v2"])
        self.assertEqual(self.services["signin.amazonaws.com"],
                         {"models": [], "operations": {"ConsoleLogin": None}, "responses": {}})
        self.assertIsNone(self.ops("widget.amazonaws.com")["WidgetRotated"])
        # An extra event that is also an SDK operation keeps its members.
        self.assertIsInstance(self.ops("widget.amazonaws.com")["CreateWidget"], dict)

    def test_extra_parameters_and_responses(self):
        self.assertEqual(self.ops("widget.amazonaws.com")["CreateWidget"]["dryRunMode"], "boolean")
        self.assertEqual(self.responses("gizmo.amazonaws.com")["RebootThing"]["rebooting"], "boolean")

    def test_typed_flag_only_on_untyped_services(self):
        self.assertIs(self.services["legacy.amazonaws.com"]["typed"], False)
        self.assertEqual(self.responses("legacy.amazonaws.com"), {})
        self.assertEqual(self.ops("legacy.amazonaws.com")["RunBox"], {"boxIds": ["string"]})
        self.assertEqual([s for s, e in self.services.items() if "typed" in e],
                         ["legacy.amazonaws.com"])

    def test_depth_flag_and_recursive_shapes(self):
        out, proc = self._generate("--depth", "4", name="deep.json")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(out, encoding="utf-8") as f:
            deep = json.load(f)
        self.assertEqual(deep["parameter_depth"], 4)
        create = deep["services"]["widget.amazonaws.com"]["operations"]["CreateWidget"]
        self.assertEqual(create["parent"], {"children": ["object"], "name": "string"})  # recursion
        self.assertEqual(create["config"], {"limits": {"max": "number"}, "mode": "string"})
        out, proc = self._generate("--depth", "1", name="shallow.json")
        with open(out, encoding="utf-8") as f:
            shallow = json.load(f)["services"]["widget.amazonaws.com"]
        self.assertEqual(shallow["operations"]["CreateWidget"]["config"], "object")
        self.assertEqual(shallow["operations"]["CreateWidget"]["items"], "array")
        self.assertEqual(shallow["responses"]["CreateWidget"], {"widget": "object"})

    def test_sdk_folder_gives_the_same_output(self):
        out, proc = self._generate(name="sdk.json", source=("--sdk", FIXTURE))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(out, encoding="utf-8") as f:
            self.assertEqual(f.read(), self.text)

    def test_bad_extra_parameters_fail(self):
        with open(EXTRA, encoding="utf-8") as f:
            extra = json.load(f)
        cases = [
            ("widget.amazonaws.com", "WidgetRotated", "is not an SDK operation"),  # a null event
            ("widget.amazonaws.com", "NoSuchOperation", "is not an SDK operation"),
            ("nope.amazonaws.com", "CreateWidget", "is not an SDK operation"),
        ]
        for i, (source, op, message) in enumerate(cases):
            bad = json.loads(json.dumps(extra))
            bad["extra_parameters"] = {source: {op: {"x": "string"}}}
            path = os.path.join(self.tmp.name, f"bad{i}.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(bad, f)
            out, proc = self._generate(name=f"bad{i}.out", extra=path)
            self.assertEqual(proc.returncode, 2, (op, proc.stderr))
            self.assertIn(message, proc.stderr)
            self.assertFalse(os.path.exists(out))
        bad = json.loads(json.dumps(extra))
        bad["extra_parameters"] = {"widget.amazonaws.com": {"CreateWidget": {"Name": "string"}}}
        path = os.path.join(self.tmp.name, "dup.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(bad, f)
        out, proc = self._generate(name="dup.out", extra=path)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn("CreateWidget already has Name", proc.stderr)


class DataCheck(unittest.TestCase):
    def test_reports_missing_events_and_keys(self):
        proc = run("--check-only", "--out", EXPECTED, "--shared", SHARED)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertEqual(proc.stdout.splitlines(), [
            "miss: gizmo.amazonaws.com CreateThing responseElements.thing",  # unwrapped
            "miss: gizmo.amazonaws.com DescribeThings requestParameters.marker",
            "miss: nope.amazonaws.com Anything",
            "miss: widget.amazonaws.com CreateWidget requestParameters.clientToken",  # a header
            "miss: widget.amazonaws.com DeleteWidgets",
        ])
        # Name/ThingId match name/thingId (first letter); untyped services, null operations and
        # operations without a responses entry are counted but not checked.
        for line in ["requestParameters keys checked: 10 (10 distinct)",
                     "requestParameters keys missed: 2 (2 distinct)",
                     "requestParameters keys not checked: operation without members: 2",
                     "requestParameters keys not checked: untyped service: 1",
                     "responseElements keys checked: 4 (4 distinct)",
                     "responseElements keys missed: 1 (1 distinct)",
                     "responseElements keys not checked: no responses entry: 2",
                     "responseElements keys not checked: untyped service: 1"]:
            self.assertIn("data check: " + line, proc.stderr)

    def test_passes_clean_logs_and_skips_without_data(self):
        with tempfile.TemporaryDirectory() as tmp:
            logs = os.path.join(tmp, "stratus-red-team", "detonation-logs")
            os.makedirs(logs)
            with open(os.path.join(logs, "ok.json"), "w", encoding="utf-8") as f:
                json.dump([{"eventSource": "gizmo.amazonaws.com", "eventName": "CreateThing",
                            "requestParameters": {"ThingId": "t", "engine": "e"},
                            "responseElements": {"thingArn": "a", "Endpoint": {}}}], f)
            proc = run("--check-only", "--out", EXPECTED, "--shared", tmp)
            self.assertEqual((proc.returncode, proc.stdout), (0, ""), proc.stderr)
            proc = run("--check-only", "--out", EXPECTED, "--shared", os.path.join(tmp, "none"))
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertIn("real-data check is skipped", proc.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
