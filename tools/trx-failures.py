"""Prints each failed test of the given TRX files with the first lines of its message and stack trace.

test.sh calls it just before its last line, so a log that keeps only its tail (as CI's does) still names the failure.
"""
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
LINES = 12

for path in sys.argv[1:]:
    for result in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", NS):
        if result.get("outcome") != "Failed":
            continue
        print(f"FAILED {result.get('testName')} ({result.get('duration')})")
        for part in ("Message", "StackTrace"):
            node = result.find(f"t:Output/t:ErrorInfo/t:{part}", NS)
            if node is not None and node.text:
                text = node.text.strip().splitlines()
                for line in text[:LINES]:
                    print(f"    {line}")
                if len(text) > LINES:
                    print(f"    ... ({len(text) - LINES} more lines)")
