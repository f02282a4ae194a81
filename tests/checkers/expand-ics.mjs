// Reads an iCalendar file the way Thunderbird does (Mozilla's ical.js) and prints, as JSON, every event with its
// occurrences between two dates, each as a UTC instant and as wall-clock time in a given IANA zone.
// Usage: node expand-ics.mjs FILE ZONE FROM TO     (FROM/TO: yyyy-mm-dd, inclusive/exclusive)
// Only the calendar's own VTIMEZONE components are used for its TZIDs: a TZID without one is reported.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const [file, zone, from, to] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const problems = [];
let calendar;
try {
  calendar = new ICAL.Component(ICAL.parse(text));
} catch (e) {
  console.log(JSON.stringify({ problems: [`not parseable: ${e.message}`] }));
  process.exit(0);
}
const defined = new Set();
for (const vtz of calendar.getAllSubcomponents('vtimezone')) {
  const tz = new ICAL.Timezone(vtz);
  ICAL.TimezoneService.register(tz.tzid, tz);
  defined.add(tz.tzid);
}
const local = new Intl.DateTimeFormat('en-CA', {
  timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});
const wall = (d) => {
  const p = Object.fromEntries(local.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
};
const start = new Date(`${from}T00:00:00Z`).getTime() - 86400000;
const end = new Date(`${to}T00:00:00Z`).getTime() + 86400000;
const events = [];
for (const vevent of calendar.getAllSubcomponents('vevent')) {
  const event = new ICAL.Event(vevent);
  for (const prop of ['dtstart', 'dtend']) {
    const tzid = vevent.getFirstProperty(prop)?.getParameter('tzid');
    if (tzid && !defined.has(tzid)) problems.push(`${event.uid}: ${prop.toUpperCase()} uses TZID=${tzid} without a VTIMEZONE`);
  }
  const occurrences = [];
  const it = event.iterator();
  for (let next = it.next(), n = 0; next && n < 5000; next = it.next(), n++) {
    const details = event.getOccurrenceDetails(next);
    const at = details.startDate.toJSDate();
    if (at.getTime() >= end) break;
    if (at.getTime() < start) continue;
    const minutes = Math.round((details.endDate.toJSDate() - at) / 60000);
    occurrences.push({ utc: at.toISOString(), local: wall(at), minutes });
  }
  events.push({
    uid: event.uid, summary: event.summary, sequence: event.sequence, recurring: event.isRecurring(),
    rrule: vevent.getFirstPropertyValue('rrule')?.toString() ?? null, occurrences,
  });
}
console.log(JSON.stringify({
  method: calendar.getFirstPropertyValue('method'), prodid: calendar.getFirstPropertyValue('prodid'),
  version: calendar.getFirstPropertyValue('version'), timezones: [...defined], problems, events,
}));
