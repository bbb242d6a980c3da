import { Module } from '@nestjs/common';
import { StorageModule } from '../storage/index.js';
import { DocumentUploadService } from './document-upload.service.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsService } from './documents.service.js';

@Module({
  imports: [StorageModule],
  controllers: [DocumentsController],
  providers: [DocumentsService, DocumentUploadService],
  exports: [DocumentsService],
})
export class DocumentsModule {}
