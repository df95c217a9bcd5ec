/**
 * The earliest day a case may say something happened on (a hazard found, a complaint's event, the
 * retaliation a reporter suffered). Not the campaign's start: a hazard found before the campaign is a
 * real backlog and is put on the ledger (挂账) as such, and a report may be about years past. A day this
 * far back is a typo: 1900-01-01 is Excel's day zero, what an empty date cell becomes, and 1924 is a
 * slip for 2024. A constant, not plan data: it holds for every plan (the county's cases start this
 * century), and the request rules that check it run before, and without, the database the plan is kept in.
 */
export const EARLIEST_CASE_DATE = '2000-01-01';
