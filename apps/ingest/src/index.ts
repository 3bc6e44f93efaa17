export * from './commands/folder-command.service';
export * from './config/ingest.config';
export * from './create-ingest-app';
export * from './errors/to-oz-error';
export * from './ingest.module';
export * from './transport/ingest-reply';
