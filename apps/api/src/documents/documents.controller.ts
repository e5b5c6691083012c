import {
  Body,
  Controller,
  Get,
  Inject,
  Param,
  Post,
  StreamableFile,
  UploadedFile as UploadedFileParam,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { DOCUMENT_TYPES } from '../../../../libs/domain/documents';
import type { Env } from '../../../../libs/config/env';
import { AppError } from '../common/app-error';
import { UuidParam } from '../common/params';
import { ENV } from '../config/env.provider';
import { DossiersService } from '../dossiers/dossiers.service';
import { DocumentsService, type UploadedFile } from './documents.service';

export class UploadDocumentDto {
  @ApiProperty({ example: 'TO_TRINH', description: 'A required document code of the dossier’s award' })
  @Matches(/^[A-Z0-9_]{1,64}$/, { message: 'docType must be a document code such as TO_TRINH' })
  docType: string;
}

@ApiTags('documents')
@ApiBearerAuth()
@Controller('documents')
export class BlobsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOperation({ summary: 'Upload a file once, to attach by its SHA-256 (e.g. a batch’s shared tờ trình)' })
  upload(@CurrentUser() user: AuthUser, @UploadedFileParam() file?: UploadedFile) {
    if (user.role !== 'CLERK') throw new AppError('FORBIDDEN', 'Only a CLERK uploads nomination papers');
    return this.documents.storeUpload(user, file);
  }
}

@ApiTags('documents')
@ApiBearerAuth()
@Controller('dossiers')
export class DocumentsController {
  constructor(
    private readonly dossiers: DossiersService,
    private readonly documents: DocumentsService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  @Get(':id/documents')
  @ApiOperation({
    summary: 'The checklist: each required document, its versions, what is missing, and the upload limits',
  })
  async checklist(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    const checklist = await this.documents.checklist(await this.dossiers.visibleState(user, id));
    // The page checks size and type before sending a file, so a clerk learns of a refusal without uploading.
    return { ...checklist, maxBytes: this.env.DOCUMENTS_MAX_BYTES, acceptedTypes: Object.keys(DOCUMENT_TYPES) };
  }

  @Post(':id/documents')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['docType', 'file'],
      properties: { docType: { type: 'string' }, file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiOperation({ summary: 'Attach a file (PDF, JPEG, PNG, DOCX) for a document type; a new upload is a new version' })
  async upload(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Body() dto: UploadDocumentDto,
    @UploadedFileParam() file?: UploadedFile,
  ) {
    return this.documents.upload(user, await this.dossiers.visibleState(user, id), dto.docType, file);
  }

  @Get(':id/documents/:documentId/content')
  @ApiOperation({ summary: 'Download a document version; its SHA-256 is checked before it is served' })
  async download(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Param('documentId', UuidParam) documentId: string,
  ) {
    const { doc, content } = await this.documents.download(await this.dossiers.visibleState(user, id), documentId);
    return new StreamableFile(content, {
      type: doc.mimeType,
      length: content.length,
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`,
    });
  }
}
