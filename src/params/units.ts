// Unit conversions shared by the model, the cost and the fleet views.

export const HOURS_PER_YEAR = 8766; // 365.25 days x 24 h
export const DAYS_PER_YEAR = 365.25; // the Julian year, as HOURS_PER_YEAR
