export * from './types';
export { generateEstate, resolveSize, ESTATE_SIZES, type EstateScale } from './generate';
export * from './kpi';
export * from './lookup';
export * from './time';
export { hashInts, hashString, unit, Rng, uuidFromInts } from './rng';
