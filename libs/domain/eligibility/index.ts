export * from './criteria';
export * from './evaluate';
export * from './record';
