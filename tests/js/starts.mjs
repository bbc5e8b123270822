// Prints, as JSON, every event of each .ics file named on the command line as ical.js reads
// it: {file: [[uid, start in UTC (ISO), start as written], ...]}. ical.js is the calendar
// parser of Thunderbird and Nextcloud; our files must read right there, not only in Python.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const out = {};
for (const file of process.argv.slice(2)) {
  const root = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  for (const zone of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  out[file] = root.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    const start = event.startDate;
    return [event.uid, start.isDate ? start.toString() : start.toJSDate().toISOString(), start.toString()];
  });
  for (const zone of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.remove(zone.getFirstPropertyValue("tzid"));
  }
}
process.stdout.write(JSON.stringify(out));
