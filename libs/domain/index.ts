export * from './org';
export * from './award-catalog';
export * from './route';
export * from './dossier-machine';
export * from './deadlines';
