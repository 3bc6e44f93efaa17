import type { Actor } from '../access/actor';

/** The clock, the actor and the request's correlation id arrive with every command. */
export type CommandMetadata = Readonly<{
  now: string;
  actor: Actor;
  correlation_id: string;
  causation_id?: string;
}>;

/** A command is a readonly plain object: an imperative type, its data and its metadata. */
export type Command<Type extends string, Data extends object> = Readonly<{
  type: Type;
  data: Readonly<Data>;
  metadata: CommandMetadata;
}>;
