-- AlterTable
ALTER TABLE "AdminAction" ADD COLUMN     "actorName" TEXT,
ADD COLUMN     "requestId" TEXT;

