// Band arithmetic: conversion, midpoints, the annual-TC formula of record. Pure.
import type { Band, Range } from '../guides/types.js';
import { convert, type Rate } from './fx.js';

export const midpoint = (r: Range) => (r.low + r.high) / 2;

const convertRange = (r: Range | null, rate: Rate): Range | null =>
  r ? { low: convert(r.low, rate), high: convert(r.high, rate) } : null;

export function convertBand(band: Band, rate: Rate): Band {
  if (rate.from === rate.to) return band;
  return {
    ...band,
    currency: rate.to,
    base: convertRange(band.base, rate)!,
    stock: convertRange(band.stock, rate),
    totalComp: convertRange(band.totalComp, rate),
  };
}

/** The formula of record for annual TC: base + bonus + grant / years. */
export function annualTotal(base: number, bonusPct: number | null, grant: number | null, years: number): number {
  return base * (1 + (bonusPct ?? 0) / 100) + (grant ?? 0) / years;
}

/** A band's total comp recomputed with the formula of record. */
export function computedTotalComp(band: Band): Range {
  return {
    low: Math.round(annualTotal(band.base.low, band.bonusPct, band.stock?.low ?? null, band.stockYears)),
    high: Math.round(annualTotal(band.base.high, band.bonusPct, band.stock?.high ?? null, band.stockYears)),
  };
}

/** Where a value sits in a range: 0 = low, 100 = high; below 0 and above 100 allowed. */
export function positionInRange(value: number, r: Range): number {
  // A zero-width band: at it is the middle; off it, one band-width's worth out (no division by zero).
  if (r.high === r.low) return value === r.low ? 50 : value < r.low ? -100 : 200;
  return Math.round(((value - r.low) / (r.high - r.low)) * 1000) / 10;
}

/** How far a value lies past a range's edge: the amount (positive) and that amount in percent of the edge. */
export interface Beyond {
  edge: 'high' | 'low';
  amount: number;
  percent: number;
}

/** Where a value lies past a range, or null when it is inside (edges included). */
export function beyondRange(value: number, r: Range): Beyond | null {
  if (value >= r.low && value <= r.high) return null;
  const edge = value > r.high ? 'high' : 'low';
  const at = edge === 'high' ? r.high : r.low;
  const amount = Math.round(Math.abs(value - at));
  // Past a zero edge there is no percentage of it to give: 100% says "all of it is beyond".
  return { edge, amount, percent: at === 0 ? 100 : Math.round((Math.abs(value - at) / at) * 1000) / 10 };
}

/** A band as every command's JSON gives it (SPEC §4 lookup). */
export interface BandJson {
  region: string;
  currency: string;
  base: { low: number; high: number };
  stock: { low: number; high: number; years: number } | null;
  bonusPct: number | null;
  /** The total the guide states (null when it states none). */
  totalComp: { low: number; high: number } | null;
  /** base + bonus + grant/years at each end: the one total every command rates offers against. */
  annualTC: { low: number; high: number };
  estimated: boolean;
}

/** The JSON form of a band; `estimated` when it is a level's slice. */
export function bandToJson(band: Band, estimated = false): BandJson {
  return {
    region: band.region,
    currency: band.currency,
    base: { ...band.base },
    stock: band.stock ? { ...band.stock, years: band.stockYears } : null,
    bonusPct: band.bonusPct,
    totalComp: band.totalComp ? { ...band.totalComp } : null,
    annualTC: computedTotalComp(band),
    estimated,
  };
}
