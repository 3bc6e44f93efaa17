import { type FolderResponse, toLinkedFolderResponse } from '@forensics/read-model';
import type { Request } from 'express';
import type { VisibleFolder } from '../read/folder-reader';

/** Where this API is reached, as the client reached it: links in responses are absolute. */
export const baseUrlOf = (request: Request): string => `${request.protocol}://${request.get('host') ?? 'localhost'}`;

/** The folder as the API answers it (the seed's shape), its links absolute on the caller's base URL. */
export const folderJson = (folder: VisibleFolder, options: Readonly<{ withAnalyses: boolean }>, baseUrl: string): FolderResponse => toLinkedFolderResponse(folder, options, baseUrl);
