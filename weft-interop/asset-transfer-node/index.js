'use strict';

// Assets (id, color, size, owner, appraisedValue) kept as JSON under their id. Each change emits a
// chaincode event, so that clients can follow them with getChaincodeEvents.
const { Contract } = require('fabric-contract-api');

class AssetTransfer extends Contract {
    async CreateAsset(ctx, id, color, size, owner, appraisedValue) {
        if (await this.AssetExists(ctx, id)) {
            throw new Error(`the asset ${id} already exists`);
        }
        const asset = { ID: id, Color: color, Size: Number(size), Owner: owner, AppraisedValue: Number(appraisedValue) };
        await this.put(ctx, asset);
        ctx.stub.setEvent('AssetCreated', Buffer.from(JSON.stringify(asset)));
        return JSON.stringify(asset);
    }

    async ReadAsset(ctx, id) {
        const bytes = await ctx.stub.getState(id);
        if (!bytes || bytes.length === 0) {
            throw new Error(`the asset ${id} does not exist`);
        }
        return bytes.toString();
    }

    async UpdateAsset(ctx, id, color, size, owner, appraisedValue) {
        await this.ReadAsset(ctx, id);
        const asset = { ID: id, Color: color, Size: Number(size), Owner: owner, AppraisedValue: Number(appraisedValue) };
        await this.put(ctx, asset);
        ctx.stub.setEvent('AssetUpdated', Buffer.from(JSON.stringify(asset)));
        return JSON.stringify(asset);
    }

    async TransferAsset(ctx, id, newOwner) {
        const asset = JSON.parse(await this.ReadAsset(ctx, id));
        const oldOwner = asset.Owner;
        asset.Owner = newOwner;
        await this.put(ctx, asset);
        ctx.stub.setEvent('AssetTransferred', Buffer.from(JSON.stringify(asset)));
        return oldOwner;
    }

    async DeleteAsset(ctx, id) {
        await this.ReadAsset(ctx, id);
        await ctx.stub.deleteState(id);
        ctx.stub.setEvent('AssetDeleted', Buffer.from(id));
    }

    async AssetExists(ctx, id) {
        const bytes = await ctx.stub.getState(id);
        return !!bytes && bytes.length > 0;
    }

    async GetAllAssets(ctx) {
        const assets = [];
        const iterator = await ctx.stub.getStateByRange('', '');
        try {
            for (let result = await iterator.next(); !result.done; result = await iterator.next()) {
                assets.push(JSON.parse(result.value.value.toString()));
            }
        } finally {
            await iterator.close();
        }
        return JSON.stringify(assets);
    }

    async put(ctx, asset) {
        await ctx.stub.putState(asset.ID, Buffer.from(JSON.stringify(asset)));
    }
}

module.exports.contracts = [AssetTransfer];
